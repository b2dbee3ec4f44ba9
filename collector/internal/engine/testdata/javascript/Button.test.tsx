import { render, fireEvent } from '@testing-library/react';
import { describe, it, expect, vi } from 'vitest';
import { Counter } from './Counter';

type Props = { start?: number };

function setup(props: Props = {}) {
  return render(<Counter start={props.start ?? 0} />);
}

describe('<Counter />', () => {
  it('renders the start value', () => {
    const { getByText } = setup({ start: 3 });
    expect(getByText('3')).toBeTruthy();
  });

  it('increments on click', () => {
    const onChange = vi.fn();
    const { getByRole } = render(<Counter start={0} onChange={onChange} />);
    fireEvent.click(getByRole('button'));
    expect(onChange).toHaveBeenCalledWith(1);
  });

  it.each<[number, string]>([
    [0, 'zero'],
    [1, 'one'],
  ])('labels %i as %s', (n, label) => {
    const { getByLabelText } = setup({ start: n });
    expect(getByLabelText(label)).toBeTruthy();
  });
});
