// Imports only a local helper that re-exports package:test.
import 'support.dart';

void main() {
  test('via a re-export', () {}, solo: true);
}
