import 'package:test/test.dart';

void main() {
  test('skipped with true', () {}, skip: true);
  test('skipped with a reason', () {}, skip: 'flaky on CI, see #12');
  test('not skipped with false', () {}, skip: false);
  test('decided at run time', () {}, skip: Platform.isWindows);
  test('focused', () {}, solo: true);
  test('tagged', () {}, tags: ['slow'], timeout: Timeout(Duration(seconds: 5)));

  group('skipped group', () {
    test('inherits the skip', () {});
    test('stays skipped though solo', () {}, solo: true);
  }, skip: 'whole group broken');

  group('solo group', () {
    test('is focused', () {});
    test('own skip wins', () {}, skip: true);
  }, solo: true);

  test('a map literal named skip is not a skip', () {
    final options = {'skip': true};
  });
}
