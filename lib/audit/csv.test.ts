import { describe, expect, it } from 'vitest';
import { auditCsvFilename, auditCsvLine, csvCell } from './csv';

describe('CSV cells', () => {
  it('leaves plain text alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('Ada Admin')).toBe('Ada Admin');
    expect(csvCell('Lima, Ana')).toBe('"Lima, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });

  it('keeps anything a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('an audit event as a CSV line', () => {
  it('has the screen’s words and ends with CRLF', () => {
    expect(
      auditCsvLine({
        id: 'e1',
        occurredAt: '2026-03-01T09:00:00.000Z',
        action: 'request.value-revealed',
        actorName: '=Mallory',
        what: 'Revealed email 2',
        requestId: 'r-1',
        details: [
          { label: 'Reason', value: 'Checking for a typo' },
          { label: 'Via', value: 'Command line' },
        ],
      }),
    ).toBe(
      "2026-03-01T09:00:00.000Z,'=Mallory,Revealed email 2,r-1,Reason: Checking for a typo; Via: Command line,request.value-revealed\r\n",
    );
  });

  it('is named by the UTC day of the export', () => {
    expect(auditCsvFilename(new Date('2026-03-01T23:30:00-05:00'))).toBe('audit-2026-03-02.csv');
  });
});
