package elixir

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/contracts/inventory"
)

// exStmt is a statement long enough to make a body worth leaving out.
const exStmt = "    assert Enum.map([1, 2, 3], &(&1 * 2)) == [2, 4, 6] # end\n"

// elixirBodyTraps hold in their bodies what a careless lexer would take for
// a do or an end, or what the rules read (which must stay in).
var elixirBodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"adds\" do\n" + exStmt + "  end\n\n  test \"subtracts\", %{x: x} do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "do and end in strings, sigils, charlists, atoms, keys and comments", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"a\" do\n" +
		"    s = \"end do #{if x do \"end\" else \"do\" end} end\"\n    c = 'end'\n    r = ~r/end|do/\n    w = ~w(do end)a\n    u = ~S[do \\] end]\n" +
		"    h = \"\"\"\n    end\n    do \"\"\" end\n    \"\"\"\n    k = [do: 1, end: 2]\n    m = %{end: :end, do: :do}\n    q = ?\"\n    e = ?#\n    # end\n" + exStmt + "  end\n\n  test \"b\" do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "a heredoc whose last line is continued", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"a\" do\n    assert x == \"\"\"\n           line\\\n           \"\"\"\n" + exStmt + "  end\n\n  test \"b\" do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "fn, case, receive, with and if blocks in a body", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"a\" do\n" +
		"    f = fn x -> x end\n    case f.(1) do\n      1 -> :ok\n    end\n    receive do\n      :x -> :ok\n    after\n      0 -> :ok\n    end\n" +
		"    with {:ok, y} <- {:ok, 1} do\n      y\n    else\n      _ -> 0\n    end\n" + exStmt + "  end\n\n  test \"b\" do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "a module a test defines", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"runs its own suite\" do\n    defmodule Inner do\n      use ExUnit.Case\n      test \"inner\" do\n        :ok\n      end\n    end\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "describe, if and for blocks stay", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  describe \"group\" do\n    test \"in it\" do\n" + exStmt + "    end\n  end\n\n" +
		"  if System.otp_release() >= \"24\" do\n    test \"new\" do\n" + exStmt + "    end\n  else\n    test \"old\" do\n" + exStmt + "    end\n  end\n\n" +
		"  for n <- [1, 2] do\n    test \"n #{n}\" do\n" + exStmt + "    end\n  end\nend\n", Fast: true},
	{Name: "a test macro's body stays", Src: "defmodule M do\n  defmacro slow_test(name, do: block) do\n    quote do\n      test unquote(name), do: unquote(block)\n    end\n  end\nend\n\n" +
		"defmodule ATest do\n  use ExUnit.Case\n  import M\n\n  slow_test \"x\" do\n" + exStmt + "  end\n\n  def helper do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "a multi-line head", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"a long name\",\n       %{conn: conn} do\n" + exStmt + "  end\nend\n", Fast: true},
	{Name: "a syntax error outside the bodies", Src: "defmodule ATest do\n  use ExUnit.Case\n\n  test \"a\" do\n" + exStmt + "  end\n\n  ) test (\nend\n", Fast: false},
}

// elixirFixtureDirs are the fixture folders with Elixir sources.
var elixirFixtureDirs = []string{"../testdata/elixir", "../testdata/projects"}

func extractElixir(src *frontend.Source, fast bool) (inventory.File, bool, bool) {
	return extract(src, fast)
}

// TestBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// ELIXIR_BODIES_DIFF_DIRS=dir:dir, every _test.exs file under those folders
// (a by-hand check on real code), the inventory is the same with bodies left
// out of the parse as with the whole parse.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, elixirBodyTraps, "_test.exs", "ELIXIR_BODIES_DIFF_DIRS", elixirFixtureDirs, "_test.exs", extractElixir)
}

// TestDocBodiesLeftOutChangeNothing: the documentation a file's summary
// holds is the same with function bodies left out of the parse, on the
// fixtures and on every .ex file under ELIXIR_BODIES_DIFF_DIRS.
func TestDocBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	dirs := elixirFixtureDirs
	if v := os.Getenv("ELIXIR_BODIES_DIFF_DIRS"); v != "" {
		dirs = append(dirs, filepath.SplitList(v)...)
	}
	for _, src := range docTraps {
		fast, took := summarizeDocsParsed([]byte(src), true)
		whole, _ := summarizeDocsParsed([]byte(src), false)
		if !took || !reflect.DeepEqual(fast, whole) {
			t.Errorf("trap %q: gapped %v, fast %+v, whole %+v", src, took, fast, whole)
		}
	}
	files, gapped := 0, 0
	for _, dir := range dirs {
		_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(p, ".ex") && !strings.HasSuffix(p, ".exs") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			files++
			fast, took := summarizeDocsParsed(src, true)
			whole, _ := summarizeDocsParsed(src, false)
			if took {
				gapped++
			}
			if !reflect.DeepEqual(fast, whole) {
				t.Errorf("%s: the summary differs with bodies left out", p)
			}
			return nil
		})
	}
	t.Logf("%d files, %d with bodies left out", files, gapped)
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with bodies left out is the whole parse's.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, grammar, elixirBodyTraps, readAsElixirReadsIt, "fuzz_test.exs", extractElixir)
}

// readAsElixirReadsIt keeps the sources that tree-sitter reads as Elixir
// does: its keywords are whole words (its lexer reads `dotest` as `do test`,
// Elixir's as one identifier), and its do blocks are the lexer's, each do
// with its end (on garbage, its error recovery can pair them otherwise and
// still report no error). The fast path is checked where both readings
// agree; on real code the differential tests check the lexer itself.
func readAsElixirReadsIt(root *sitter.Node, src string) bool {
	l, ok := lexBlocks([]byte(src))
	if !ok {
		return true // the fast path is not taken
	}
	pairs := map[int]int{}
	for _, b := range l.blocks {
		pairs[b.do] = b.end
	}
	blocks := 0
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	for {
		n := c.CurrentNode()
		if n.Type() == "do_block" {
			blocks++
			if end, ok := pairs[int(n.StartByte())]; !ok || end+3 != int(n.EndByte()) {
				return false
			}
		}
		if !n.IsNamed() && n.ChildCount() == 0 {
			t := n.Type()
			if len(t) > 0 && isIdentStart(t[0]) {
				s, e := int(n.StartByte()), int(n.EndByte())
				if s > 0 && isIdentByte(src[s-1]) || e < len(src) && isIdentByte(src[e]) {
					return false
				}
			}
		}
		if c.GoToFirstChild() || c.GoToNextSibling() {
			continue
		}
		for {
			if !c.GoToParent() {
				return blocks == len(pairs)
			}
			if c.GoToNextSibling() {
				break
			}
		}
	}
}

// docTraps are library sources whose function bodies and heredocs hold what
// the doc reader must not be misled by.
var docTraps = []string{
	"defmodule M do\n  @moduledoc \"\"\"\n  iex> M.a()\n  1\n  \"\"\"\n\n  @doc \"\"\"\n      iex> M.a()\n      1\n  \"\"\"\n  def a do\n    @doc \"not a doc\"\n    x = \"\"\"\n    end\n    \"\"\"\n    1\n  end\n\n  @doc ~S\"\"\"\n  iex> M.b(\"#{}\")\n  \"#{}\"\n  \"\"\"\n  defmacro b(x) do\n    quote do: unquote(x)\n  end\nend\n",
	"defmodule N do\n  @doc \"\"\"\n  text\\\n  \"\"\"\n  def c(a, b \\\\ 1), do: a + b\n\n  defmodule Inner do\n    @typedoc \"\"\"\n    iex> 1\n    1\n    \"\"\"\n    @type t :: term\n  end\nend\n",
}

// FuzzDocBodiesLeftOutChangeNothing: on any source tree-sitter parses
// without an error, the documentation summary with bodies and heredoc texts
// left out is the whole parse's.
func FuzzDocBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzClean(f, grammar, docTraps, readAsElixirReadsIt, func(t *testing.T, src []byte) {
		fast, _ := summarizeDocsParsed(src, true)
		whole, _ := summarizeDocsParsed(src, false)
		if !reflect.DeepEqual(fast, whole) {
			t.Errorf("the summary differs with bodies left out:\nfast:  %+v\nwhole: %+v", fast, whole)
		}
	})
}
