import 'package:test/test.dart';

void main() {
  group('open group', () {
    test('before the damage', () {});
    test('unterminated string, () {});
    test('after the damage', () {});
  /* unterminated comment
  test('hidden', () {});
