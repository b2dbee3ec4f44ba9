@Skip('the backend is down')
@TestOn('vm')
library;

import 'package:test/test.dart';

void main() {
  test('skipped by the library annotation', () {});
  group('group', () {
    test('skipped too', () {}, solo: true);
  });
}
