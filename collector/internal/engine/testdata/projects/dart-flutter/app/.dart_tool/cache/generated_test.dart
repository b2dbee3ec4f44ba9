import 'package:test/test.dart';
void main() { test('generated, not ours', () {}); }
