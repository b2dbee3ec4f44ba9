const { label } = require('./button');

test('label is upper-cased', () => {
  expect(label('ok')).toBe('OK');
});

test.skip('label handles emoji', () => {});
