// Declarations with type annotations and no semicolons (bun-match-svg's
// tests/cli.test.ts): each line ends its declaration, and the tests after
// them are read.
import { describe, expect, mock, test, type Mock } from "bun:test";
import * as cli from "./cli";

describe("installDependency", () => {
  let installSpy: Mock<typeof cli.installDependency>
  let consoleSpy: Mock<typeof console.log>
  let choices:
    | "svg"
    | "png"
  let sizes: Array<
    number
  >
  const runSlow = test.skip

  test("installs with bun add", () => {
    installSpy = mock(cli.installDependency)
    consoleSpy = mock(console.log)
    expect(installSpy).toBeDefined()
  })

  runSlow("installs offline", () => {
    expect(consoleSpy).toBeDefined()
  })
})

describe("tables", () => {
  test.each(["bun", "node"] as const)("runs under %s", (runtime) => {
    expect(runtime.length).toBeGreaterThan(0)
  })

  test.each([[1, 2, 3]] satisfies [number, number, number][])("%d + %d = %d", (a, b, sum) => {
    expect(a + b).toBe(sum)
  })
})
