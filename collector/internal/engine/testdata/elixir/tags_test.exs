defmodule MyApp.TagsTest do
  use ExUnit.Case

  @tag :skip
  test "skipped by an atom tag" do
    :ok
  end

  @tag skip: "waiting on upstream fix"
  test "skipped with a reason" do
    :ok
  end

  @tag :slow
  @tag :skip
  test "skipped with several tags" do
    :ok
  end

  test "the tag applied only to the previous test" do
    :ok
  end

  @tag skip: false
  test "skip false stays active" do
    :ok
  end

  @tag :pending
  test "pending is reported as skipped" do
    :ok
  end

  @tag timeout: 120_000
  test "other tags change nothing" do
    :ok
  end

  test "not implemented yet"

  describe "a skipped describe" do
    @describetag :skip

    test "inherits the skip" do
      :ok
    end
  end

  describe "after the skipped describe" do
    test "is active again" do
      :ok
    end
  end
end
