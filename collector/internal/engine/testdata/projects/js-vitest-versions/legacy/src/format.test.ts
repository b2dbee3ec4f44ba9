import { describe, expect, it } from "vitest";
import { formatCause } from "./format";

// Vitest before 5 quotes strings printed through $name.
describe("formatCause", () => {
  const causes = [
    { name: "network failure", code: 1 },
    { name: "malformed JSON", code: 2 },
  ] as const;

  it.each(causes)("formats $name ($code)", ({ name, code }) => {
    expect(formatCause(name, code)).toContain(name);
  });

  it.each([
    ["up", "success"] as [string, string],
    ["down", "danger"] as [string, string],
  ])("maps %s to %s", (status, color) => {
    expect(formatCause(status, 0)).not.toBe(color);
  });
});
