import { TextInput, type TextInputProps } from '@mantine/core';
import { formatVnd } from '@nghiemthu/shared';

/**
 * Integer VND typed as text: "1500000", "1.500.000" and "1 500 000" all read as 1 500 000.
 * Null when the text is empty or not a whole amount.
 */
export function parseVnd(text: string): number | null {
  const digits = text.replace(/[\s.,₫]/g, '');
  if (!/^\d{1,16}$/.test(digits)) return null;
  const amount = Number(digits);
  return Number.isSafeInteger(amount) ? amount : null;
}

type VndInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'description'> & {
  value: string;
  onChange: (text: string) => void;
  /** Shown when nothing readable is typed yet. */
  hint?: string;
};

/** A money field: the amount as typed, and under it the amount as it will be recorded. */
export function VndInput({ value, onChange, hint, ...props }: VndInputProps) {
  const amount = parseVnd(value);
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      rightSection="₫"
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      description={amount !== null ? formatVnd(amount) : hint}
      styles={{ input: { textAlign: 'right' } }}
    />
  );
}
