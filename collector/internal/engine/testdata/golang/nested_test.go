package nested

import (
	"fmt"
	"testing"
)

func TestNested(t *testing.T) {
	t.Run("level one", func(t *testing.T) {
		t.Run(`raw "two"`, func(t *testing.T) {
			t.Run("three\tescaped", func(t *testing.T) {})
		})
		t.Run("sibling", func(t *testing.T) {})
	})
	t.Run("second", func(t *testing.T) {})
}

func TestNonLiteral(t *testing.T) {
	for i := 0; i < 3; i++ {
		t.Run(fmt.Sprintf("case-%d", i), func(t *testing.T) {})
	}
	name := computeName()
	t.Run(name, func(t *testing.T) {})
	t.Run("", func(t *testing.T) {})
	t.Run("literal"+"concat", func(t *testing.T) {})
}

func TestNamedSubtestParam(tst *testing.T) {
	tst.Run("with tst", func(sub *testing.T) {
		sub.Run("deeper", func(x *testing.T) {})
		tst.Run("outer receiver inside child", func(t *testing.T) {})
	})
}

func TestClosure(t *testing.T) {
	check := func(want int) {
		t.Run("from closure", func(t *testing.T) {})
	}
	check(1)
	helper := func(t *testing.T) {
		t.Run("other T", func(t *testing.T) {})
	}
	_ = helper
}

func TestFuncValue(t *testing.T) {
	t.Run("function value", testSomething)
}

func TestConstAndVarNames(t *testing.T) {
	const constName = "from const"
	t.Run(constName, func(t *testing.T) {})
	varName := "from var"
	t.Run(varName, func(t *testing.T) {})
	reassigned := "before"
	reassigned = "after"
	t.Run(reassigned, func(t *testing.T) {})
}

func computeName() string { return "x" }

func testSomething(t *testing.T) {
	t.Run("in helper", func(t *testing.T) {})
}
