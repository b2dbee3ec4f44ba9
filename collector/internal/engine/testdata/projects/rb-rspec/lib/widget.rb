class Widget
  def render = "<widget/>"
end
