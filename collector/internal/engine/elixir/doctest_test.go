package elixir

import (
	"testing"
)

// The counts are ExUnit.DocTest's (Elixir 1.14): which examples are one test.
func TestCountDoctests(t *testing.T) {
	cases := []struct {
		name, doc string
		want      int
	}{
		{"none", "Adds.\n\n    add(1, 2)\n", 0},
		{"one", "    iex> 1\n    1\n", 1},
		{"adjacent prompts are one test", "    iex> 1\n    1\n    iex> 2\n    2\n", 1},
		{"a blank line starts another", "    iex> 1\n    1\n\n    iex> 2\n    2\n", 2},
		{"text between starts another", "    iex> 1\n    1\nthen\n    iex> 2\n    2\n", 2},
		{"continuation lines", "    iex> f(\n    ...>   1\n    ...> )\n    1\n", 1},
		{"numbered prompts", "    iex(1)> a = 1\n    iex(2)> a\n    1\n\n    iex(3)> 2\n    2\n", 2},
		{"a fence ends a test", "```\niex> 1\n1\n```\n```\niex> 2\n2\n```\n", 2},
		{"a prompt without a result", "    iex> :ok\n\n    iex> :ok\n", 2},
		{"a prompt in text is no example", "Type iex> to start.\n", 0},
		{"an unknown prompt stops the doc", "    iex(1 1\n", 0},
		{"crlf", "    iex> 1\r\n    1\r\n\r\n    iex> 2\r\n    2\r\n", 2},
	}
	for _, c := range cases {
		if got := countDoctests(c.doc); got != c.want {
			t.Errorf("%s: countDoctests(%q) = %d, want %d", c.name, c.doc, got, c.want)
		}
	}
}

func TestModuleFileNames(t *testing.T) {
	for _, c := range []struct{ in, underscore, words string }{
		{"DateTime", "date_time", "date_time"},
		{"HTTPClient", "http_client", "httpclient"},
		{"EEx", "e_ex", "eex"},
		{"Base64", "base64", "base64"},
		{"URI", "uri", "uri"},
	} {
		if got := underscore(c.in); got != c.underscore {
			t.Errorf("underscore(%q) = %q, want %q", c.in, got, c.underscore)
		}
		if got := underscoreWords(c.in); got != c.words {
			t.Errorf("underscoreWords(%q) = %q, want %q", c.in, got, c.words)
		}
	}
}

func TestHeredocBody(t *testing.T) {
	lit := "\"\"\"\n    iex> 1\n      1\n\n    text\n    \"\"\""
	if got, want := literalText(lit, true), "iex> 1\n  1\n\ntext\n"; got != want {
		t.Errorf("literalText = %q, want %q", got, want)
	}
	if got, want := literalText(`"a\n\n    iex> 1\n    1"`, true), "a\n\n    iex> 1\n    1"; got != want {
		t.Errorf("literalText = %q, want %q", got, want)
	}
}

func TestSummarizeDocs(t *testing.T) {
	src := []byte(`defmodule A do
  @moduledoc "    iex> 1\n    1\n"
  @doc "    iex> 2\n    2\n"
  def b(x, y \\ 1) when x > 0, do: x
  def b(x, y), do: y
  @doc false
  def hidden, do: "    iex> 3"
  @doc "    iex> 4\n    4\n"
  defmacro first..last//step, do: nil
  @doc "    iex> 5\n    5\n"
  defmacro (..), do: nil
  @doc "    iex> 6\n    6\n"
  @callback c(term) :: term
  defmodule Inner do
    @doc "    iex> 7\n    7\n"
    def d, do: 1
  end
end
|> write_beam()
`)
	s := summarizeDocs(src)
	a, ok := s.module("A")
	if !ok || a.moduledocTests != 1 {
		t.Fatalf("A: %+v, %v", a, ok)
	}
	want := []docEntry{
		{"callback", "c", 1, 1},
		{"function", "b", 2, 1},
		{"macro", "..", 0, 1},
		{"macro", "..//", 3, 1},
	}
	if len(a.entries) != len(want) {
		t.Fatalf("entries %+v, want %+v", a.entries, want)
	}
	for i := range want {
		if a.entries[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, a.entries[i], want[i])
		}
	}
	if in, ok := s.module("A.Inner"); !ok || len(in.entries) != 1 || in.entries[0].name != "d" {
		t.Errorf("A.Inner: %+v, %v", in, ok)
	}
	// Without an example, a file is not parsed: its modules are known by name.
	plain := summarizeDocs([]byte("defmodule P.Q do\n  defmodule R do\n  end\nend\n"))
	if _, ok := plain.module("P.Q.R"); !ok {
		t.Error("P.Q.R not found in a file without examples")
	}
}

func TestDoctestFilters(t *testing.T) {
	except, only, hasOnly := doctestFilters(`doctest M, except: [:moduledoc, two: 0, {:three, 3}], only: [one: 1]`)
	if !except["moduledoc"] || !except["two/0"] || !except["three/3"] || !hasOnly || !only["one/1"] || len(only) != 1 {
		t.Errorf("except %v, only %v %v", except, only, hasOnly)
	}
	if !doctestSkips(`doctest M, tags: [skip: "later"]`) || doctestSkips(`doctest M, tags: [:slow]`) {
		t.Error("doctestSkips")
	}
}
