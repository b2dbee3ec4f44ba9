# Bases of bases: MyBase derives a test case through another class.
class AbstractCase < Minitest::Test; end
class MyBase < AbstractCase; end
# Not a test case: its subclasses are plain classes.
class Widget < Object; end
