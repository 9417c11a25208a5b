import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

type FilterTextInputProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/**
 * A list filter that applies itself shortly after typing stops (or at once on Enter),
 * so slow computers and links are not asked for a list per keystroke.
 */
export function FilterTextInput({ value, onChange, ...props }: FilterTextInputProps) {
  const [text, setText] = useState(value);
  const applied = useRef(value);
  const apply = useDebouncedCallback((next: string) => {
    applied.current = next;
    onChange(next);
  }, 350);

  // The filter can also change from outside (a "clear filters" button, Back in the browser).
  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setText(value);
    }
  }, [value]);

  return (
    <TextInput
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        apply(event.currentTarget.value.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') apply.flush();
      }}
    />
  );
}
