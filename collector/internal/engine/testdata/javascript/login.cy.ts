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

  // Cypress' test options: a browser that does not match skips the test at
  // run time, so it is declared and active.
  it('keeps the session in Firefox', { browser: 'firefox', retries: 2 }, () => {
    cy.reload();
  });

  // Substitutions of literals, as generated specs splice them.
  describe(`flow ${'api'}`, { testIsolation: false }, () => {
    it(`answers ${404} for ${"unknown"} users`, () => {});
    it(`runs the ${Cypress.env("flow")} flow`, () => {});
  });

  specify('remember me', () => {
    Cypress.Cookies.debug(true);
  });
});
