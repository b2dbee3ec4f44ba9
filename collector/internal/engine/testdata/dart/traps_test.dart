import 'package:test/test.dart';

// test('in a line comment', () {});
/// test('in a doc comment', () {});
/* test('in a block comment', () {});
   /* nested: group('still a comment', () {}); */
   test('still in the outer comment', () {});
*/

void main() {
  final s = "test('in a string', () {})";
  final raw = r'group("raw \' string") ${not interpolated}';
  final triple = '''
    test('in a triple-quoted string', () {});
  ''';
  final tripleDouble = """
    group("also inside", () {});
  """;

  test('braces { and parens ( in a name', () {
    print('}) unbalanced in a string');
  });

  test('interpolated ${'nested ${"deep"} string'} name', () {
    final x = '${() { test('inside an interpolation', () {}); }}';
  });

  test('simple \$x and $s', () {});

  test(r'raw name \n', () {});

  test('adjacent ' 'literals', () {});

  test('escapes \t\x41\u{1F600}\u0042 done', () {});

  runner.test('a method of another object', () {});

  void test2(String name) {}
  test(name, () {}); // not a literal: cannot be named
}
