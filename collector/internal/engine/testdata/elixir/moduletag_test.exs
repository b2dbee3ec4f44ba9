defmodule MyApp.ExternalApiTest do
  use ExUnit.Case
  @moduletag :skip

  test "calls the API" do
    :ok
  end

  describe "retries" do
    test "backs off" do
      :ok
    end
  end
end

defmodule MyApp.SecondModuleTest do
  use ExUnit.Case

  test "is not affected by the other module's tag" do
    :ok
  end
end
