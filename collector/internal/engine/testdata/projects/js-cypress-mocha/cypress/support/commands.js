Cypress.Commands.add('login', (email) => {
  cy.request('POST', '/api/login', { email });
});
