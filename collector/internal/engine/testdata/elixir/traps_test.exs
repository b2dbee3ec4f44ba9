defmodule MyApp.TrapsTest do
  use ExUnit.Case

  # test "in a comment" do
  @moduledoc """
  test "in a heredoc" do
    :ok
  end
  """

  test "escaped \"quotes\" in the name" do
    assert "test \"x\" do" != ""
  end

  test """
  a heredoc name
  """ do
    :ok
  end

  test ~s(a sigil name is not a literal) do
    :ok
  end

  defp test_helper(x), do: x

  test "uses the helper" do
    assert test_helper(1) == 1
  end

  describe "with a setup" do
    setup [:create_user]

    test "user exists", %{user: user} do
      assert user
    end
  end
end
