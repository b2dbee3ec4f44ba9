defmodule MyApp.WallClock do
  @moduledoc """
  In lib/my_app/clock/wallclock.ex: a file that neither the module's path nor
  its underscored name (wall_clock.ex) gives.

      iex> MyApp.WallClock.noon()
      ~T[12:00:00]
  """
  def noon, do: ~T[12:00:00]
end
