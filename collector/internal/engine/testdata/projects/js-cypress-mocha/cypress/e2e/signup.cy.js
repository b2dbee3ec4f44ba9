describe('signup', () => {
  it('creates an account', () => {
    cy.visit('/signup');
    cy.get('input[name=email]').type('a@b.c');
    cy.contains('Welcome');
  });
});
