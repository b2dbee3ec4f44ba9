import 'package:flutter_test/flutter_test.dart';
import 'package:app/main.dart';

void main() {
  testWidgets('counter starts at zero', (tester) async {
    await tester.pumpWidget(const App());
    expect(find.text('0'), findsOneWidget);
  });

  group('increment', () {
    testWidgets('adds one', (tester) async {}, skip: true);
  });
}
