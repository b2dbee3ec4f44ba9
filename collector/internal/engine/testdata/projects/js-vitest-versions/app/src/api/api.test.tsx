import { afterEach, describe, expect, it, vi } from "vitest";
import { renderHook, waitFor } from "@testing-library/react";
import { useAPIQuery } from "./api";
import { wrapper } from "../test-utils";

describe("API queries", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  // Vitest 5 prints strings through $name without quotes.
  it.each([
    { name: "network failure", source: "fetch", wrapped: true },
    { name: "malformed JSON", source: "json", wrapped: true },
    { name: "ordinary error", source: "fetch", wrapped: false },
  ])("preserves the cause of $name", async ({ source, wrapped }) => {
    const fetch = vi.fn().mockRejectedValue(new Error(source));
    vi.stubGlobal("fetch", fetch);
    const { result } = renderHook(() => useAPIQuery({ path: "/test" }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.cause !== undefined).toBe(wrapped);
  });

  // Numbers and booleans are inspected as before.
  it.each([
    { change: "edit", failure: false, retries: 0 },
    { change: "prop change", failure: true, retries: 2 },
  ])("ignores completion after $change (failure: $failure, row %#)", ({ retries }) => {
    expect(retries).toBeGreaterThanOrEqual(0);
  });

  // A string longer than 40 characters is cut to 39 and an ellipsis.
  it.each([{ name: "a very long description of a failure mode, over forty characters" }])(
    "handles $name",
    ({ name }) => {
      expect(name.length).toBeGreaterThan(40);
    },
  );

  // TypeScript assertions leave the rows literal.
  it.each([
    { resultType: "scalar" as const, value: "5" },
    { resultType: "string" as const, value: "test" } satisfies { resultType: string; value: string },
  ])("renders $resultType results", ({ resultType, value }) => {
    expect(`${resultType}${value}`).not.toBe("");
  });
});
