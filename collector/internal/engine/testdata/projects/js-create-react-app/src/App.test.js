// Create React App runs Jest through react-scripts: globals, no import.
import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the header', () => {
    render(<App />);
  });

  test.todo('shows the version');
});
