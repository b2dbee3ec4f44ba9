defmodule Core.MixProject do
  use Mix.Project

  def project do
    [app: :core, version: "0.1.0", build_path: "../../_build", deps_path: "../../deps", deps: [{:stream_data, "~> 1.0", only: :test}]]
  end
end
