defmodule Core.AccountsTest do
  use Core.DataCase, async: true

  describe "register/1" do
    test "creates a user" do
      assert {:ok, _} = Core.Accounts.register(%{email: "a@b.c"})
    end

    @tag :pending
    test "sends a welcome mail" do
      :ok
    end
  end

  test "deletes a user"
end
