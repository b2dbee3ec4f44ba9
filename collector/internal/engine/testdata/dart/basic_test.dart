import 'package:test/test.dart';

void main() {
  test('adds two numbers', () {
    expect(1 + 1, equals(2));
  });

  test("double quotes", () {});

  group('String', () {
    test('.split() splits the string on the delimiter', () {
      expect('foo,bar,baz'.split(','), equals(['foo', 'bar', 'baz']));
    });

    test('.trim() removes surrounding whitespace', () {
      expect('  foo '.trim(), equals('foo'));
    });

    group('nested', () {
      test('deep', () {});
    });
  });

  group('int', () {
    test('.remainder() returns the remainder of division', () {
      expect(11.remainder(3), equals(2));
    });
  });
}
