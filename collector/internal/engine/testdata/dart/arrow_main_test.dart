import 'package:test/test.dart';

void main() => group('arrow main', () {
      test('inside', () {});
      setUp(() {});
      tearDown(() {});
    });

Future<void> test3() async {}
