import React from 'react';
import { render, screen } from '@testing-library/react';
import { Button } from '../src/Button';

const label = 'Save';

describe(`Button ${label}`, () => {
  it(`renders ${label} as text`, () => {
    render(<Button onClick={() => {}}>{label}</Button>);
    expect(screen.getByText(label)).toBeInTheDocument();
  });

  it('renders JSX that mentions it("x") in text', () => {
    render(<p title="describe('no')">it('not a test')</p>);
  });

  it(`plain template title`, () => {});

  const re = /it\('regex'\)/;
  it('ignores regular expressions', () => {
    expect(re.test("it('regex')")).toBe(true);
  });

  describe(Button.displayName, () => {
    it('uses an expression as the suite title', () => {});
  });

  it('', () => {});
});
