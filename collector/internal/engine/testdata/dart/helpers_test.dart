import 'package:test/test.dart';

// Only helpers: no test is declared here.
void expectSorted(List<int> xs) {
  expect(xs, orderedEquals([...xs]..sort()));
}
