require_relative "helper"

class ATest < BaseCase
  def test_a; end
end

class BTest < MyBase
  def test_b; end
end

class DTest < Foo::Test
  def test_d; end
end

class E < MyBase
  def test_e; end
end

# Derives a plain class the helper defines: Minitest does not run it.
class FancyWidget < Widget
  def test_not_run; end
end
