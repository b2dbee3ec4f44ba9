// Tests declared in loops over literal tables: one declared test each, with
// one case per row, named as the runner names them (Jest and Vitest print
// the evaluated title).
import { describe, expect, it, test } from "vitest";
import { parse } from "./parser";

describe("parser", () => {
  const testCases = [
    { title: "empty expr", expr: "", pos: 0 },
    { title: "metric name", expr: "up", pos: 2 },
  ];
  testCases.forEach((value) => {
    it(value.title, () => {
      expect(parse(value.expr).end).toBe(value.pos);
    });
  });
});

describe("durations", () => {
  // Another block's testCases: the loop reads the nearest one around it.
  // Its empty row is a case named as it('') is.
  const testCases = ["5", "30", "5m5", ""];
  testCases.forEach((input) => {
    it(input, () => {
      expect(parse(input)).toBeDefined();
    });
  });
});

const statuses = [
  { status: "up", color: "green", code: 200 },
  { status: "down", color: "red", code: 503 },
] as const;

for (const { status, color: shade, code } of statuses) {
  test(`returns ${shade} for ${status} status (${code})`, () => {
    expect(status).not.toBe(shade);
  });
}

[
  { name: "inline a" },
  { name: "inline b" },
].forEach(({ name }) => it.skip(name, () => {}));

// Not expanded: a title the rows do not give (a call), and a table that is
// not a literal.
testCases2().forEach((c) => {
  it(c.name, () => {});
});
const computed = [{ name: "x" }];
computed.forEach((c) => {
  it(describeCase(c), () => {});
});

function testCases2() {
  return [{ name: "from a function" }];
}
function describeCase(c: { name: string }) {
  return c.name;
}

// Object.entries, keys and values of a literal object are arrays too
// (bunshine's file.spec.ts: one test per file type).
describe("mime types", () => {
  const fileTypes = {
    "fixture.png": "image/png",
    "fixture.mp3": "audio/mpeg",
  };
  for (const [name, mime] of Object.entries(fileTypes)) {
    it(`detects ${mime} (${name})`, () => {
      expect(parse(name)).toBeDefined();
    });
  }
  Object.keys(fileTypes).forEach((name) => {
    test(`serves ${name}`, () => {});
  });
  for (const mime of Object.values({ a: "text/plain", b: "text/html" } as const)) {
    test(mime, () => {});
  }
  // Integer-like keys come first in JavaScript's order: not read.
  for (const [code, text] of Object.entries({ b: "x", 2: "two", 1: "one" })) {
    test(`${code} is ${text}`, () => {});
  }
});

describe("token strategies", () => {
  // Titles joined with + read like templates; the first operand must be a
  // string, or + would add numbers.
  for (const strategy of ["opaque", "jwt"]) {
    it("issues " + strategy + " tokens", () => {});
    it('rotates ' + strategy + ` keys (${strategy})`, () => {});
    it(1 + strategy, () => {});
  }
  [{ id: 1, name: "a" }, { id: 2, name: "b" }].forEach((c) => {
    test("case " + c.id + ": " + c.name, () => {});
  });
});

const Kind = { empty: "empty", label: "label" } as const;

describe("rows read through names", () => {
  const contexts = [
    { input: { before: "" }, expected: Kind.empty },
    { input: { before: "metric{" }, expected: Kind.label },
  ];
  // A const in the loop's body that reads the row, and a nested pattern.
  contexts.forEach((test) => {
    const { before } = test.input;
    const want = test.expected;
    it(`gives ${want} for "${before}"`, () => {});
  });
  contexts.forEach(({ input: { before }, expected }) => {
    it(`pattern ${expected} for "${before}"`, () => {});
  });
  it.each([{ kind: Kind.label }])("each $kind", () => {});
  // A const of the body that is not read from the row hides the loop's name.
  const defaults = { kind: "default" };
  for (const kind of ["x", "y"]) {
    const { kind } = defaults;
    it(`hidden ${kind}`, () => {});
  }
});
