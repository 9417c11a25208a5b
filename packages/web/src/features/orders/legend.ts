/** A fieldset legend inside a form section reads like a field label, a little stronger. */
export const LEGEND = { legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } } as const;

/** Hints under the inputs, so inputs side by side stay on one level whatever the length of each hint. */
export const HINT_BELOW: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];
