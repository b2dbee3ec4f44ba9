package forms

import (
	"testing"

	ts "github.com/stretchr/testify/suite"
)

type base struct{ ts.Suite }

func (b *base) TestInherited() {}

type APISuite struct {
	base
	url string
}

func (s APISuite) TestValueReceiver() {}
func (s *APISuite) TestPointer()      {}

type OtherSuite struct{ ts.Suite }

func (o *OtherSuite) TestOther() {}

func TestAPI(t *testing.T) {
	ts.Run(t, &APISuite{url: "http://localhost"})
}

func TestAPIAgain(t *testing.T) {
	s := new(APISuite)
	ts.Run(t, s)
}

func TestOtherByVar(t *testing.T) {
	var o OtherSuite
	ts.Run(t, &o)
}

func TestSkippedRunner(t *testing.T) {
	t.Skip("whole suite off")
	ts.Run(t, new(OtherSuite))
}

// Runs a suite declared in another file: its methods are not visible here.
func TestElsewhere(t *testing.T) {
	ts.Run(t, new(ElsewhereSuite))
}
