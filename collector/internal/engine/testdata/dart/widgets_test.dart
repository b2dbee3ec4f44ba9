import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import 'package:my_app/main.dart';

void main() {
  testWidgets('Counter increments smoke test', (WidgetTester tester) async {
    await tester.pumpWidget(const MyApp());
    expect(find.text('0'), findsOneWidget);
    await tester.tap(find.byIcon(Icons.add));
    await tester.pump();
    expect(find.text('1'), findsOneWidget);
  });

  group('HomePage', () {
    testWidgets('shows a title', (tester) async {}, skip: true);
    testWidgets('scrolls', (tester) async {
      await tester.drag(find.byType(ListView), const Offset(0, -300));
    });
  });

  test('plain test in a flutter file', () {});
}
