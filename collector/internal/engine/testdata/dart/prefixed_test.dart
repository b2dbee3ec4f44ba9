import 'package:test/test.dart' as t;

void main() {
  t.group('prefixed', () {
    t.test('works', () {});
  });
  t.test('skipped', () {}, skip: 'later');
}
