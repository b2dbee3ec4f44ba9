// describe('nothing') — this file only exports fixtures for other tests.
export const users = [{ id: 1, name: 'test user' }];
export const context = { locale: 'en' };
