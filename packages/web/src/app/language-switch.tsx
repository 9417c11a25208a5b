import { SegmentedControl } from '@mantine/core';
import type { Language } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from './i18n';

/** Each language is named in itself, so anyone can find theirs. */
const CHOICES = [
  { value: 'vi', label: <span lang="vi">Tiếng Việt</span> },
  { value: 'en', label: <span lang="en">English</span> },
];

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      data-testid="language-switch"
      aria-label={t('app.language')}
      size="xs"
      data={CHOICES}
      value={currentLanguage()}
      onChange={(value) => void changeLanguage(value as Language)}
    />
  );
}
