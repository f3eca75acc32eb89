/**
 * Text that is a ticket's own data (the complaint, an address, a note, a name someone typed): shown as written,
 * marked as Chinese (lang) whatever the UI's language, so a screen reader reads it right and the language walk
 * test (e2e/language-walk.test.ts) tells it from the UI's own words. A known unit or role is translated.
 */
import type { ReactNode } from 'react';
import { organisationEn } from '../../shared/i18n/organisations';
import { useI18n } from './i18n';

export function DataText({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <span lang="zh-CN" className={className} title={title}>
      {children}
    </span>
  );
}

/** A record or code kept as written, whatever its language (an audit entry's words, a token's id, a title
 * someone typed): not to be translated. */
export function Verbatim({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <span translate="no" className={className} title={title}>
      {children}
    </span>
  );
}

const HAS_CJK = /[\u3400-\u9fff]/;

/** A unit, department or actor: in English when the catalogue knows it, else as written (data). */
export function OrgName({ name }: { name: string }) {
  const { locale } = useI18n();
  const en = locale === 'en' ? organisationEn(name) : undefined;
  return en ? <>{en}</> : HAS_CJK.test(name) ? <DataText>{name}</DataText> : <Verbatim>{name}</Verbatim>;
}

/** Several units ("区城管局、物业公司"). */
export function OrgNames({ names }: { names: readonly string[] }) {
  const { locale } = useI18n();
  return (
    <>
      {names.map((n, i) => (
        <span key={i}>
          {i > 0 && (locale === 'en' ? ', ' : '、')}
          <OrgName name={n} />
        </span>
      ))}
    </>
  );
}
