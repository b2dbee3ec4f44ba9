// Hooks and module-mock factories run after every test is declared: a test
// call inside one is no declaration (Jest and Vitest refuse it), so none of
// the "not a test" calls below is reported.
import { beforeAll, beforeEach, afterEach, describe, expect, it, test, vi } from "vitest";
import { render } from "./render";

vi.mock("./api", () => {
  it("not a test: in a module factory", () => {});
  return { fetchRows: vi.fn(() => Promise.resolve([{ id: 1, name: "one" }])) };
});

beforeAll(() => {
  test("not a test: in a top-level hook", () => {});
});

describe("table", () => {
  beforeEach(async () => {
    await render({ rows: [{ id: 1 }, { id: 2 }], columns: ["id", "name"], sort: "id" });
    it("not a test: in a hook of a suite", () => {});
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("renders the rows", () => {
    expect(render).toHaveBeenCalled();
  });

  it.skip("sorts by name", () => {
    expect(true).toBe(true);
  });
});

test("after the hooks", () => {
  const rows = [{ id: 1 }, { id: 2 }];
  expect(rows).toHaveLength(2);
});
