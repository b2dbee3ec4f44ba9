/// <reference types="cypress" />

describe('login', () => {
  beforeEach(() => {
    cy.visit('/login');
  });

  context('with valid credentials', () => {
    it('redirects to the dashboard', () => {
      cy.get('[data-cy=user]').type('alice');
      cy.get('[data-cy=password]').type('secret{enter}');
      cy.url().should('include', '/dashboard');
    });
  });

  context('with invalid credentials', () => {
    it('shows an error', () => {
      cy.contains('Invalid').should('be.visible');
    });
    it.skip('locks the account after 3 attempts', () => {});
  });

  specify('remember me', () => {
    Cypress.Cookies.debug(true);
  });
});
