import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../lib/bindings/ImportReport';
import { setLang } from '../lib/i18n.svelte';
import ImportPage from './ImportPage.svelte';

// The Tauri boundary is mocked here; the real import is covered by the core's tests and the
// end-to-end test.
const mocks = vi.hoisted(() => ({
  importChooseFile: vi.fn(),
  importPreview: vi.fn(),
  importRun: vi.fn(),
  importCancel: vi.fn(),
}));
vi.mock('../lib/api', () => ({ api: mocks }));

function report(extra: Partial<ImportReport> = {}): ImportReport {
  return {
    file_name: 'clustere.csv',
    format: 'csv',
    encoding: 'windows1250',
    detected_encoding: 'windows1250',
    separator: 'semicolon',
    ignored_sheets: [],
    tables: [
      {
        kind: 'clusters',
        sheet: '',
        header_row: 1,
        columns: [
          { letter: 'A', header: 'Denumire', field: 'name' },
          { letter: 'B', header: 'Județ', field: 'county' },
          { letter: 'C', header: 'Altceva', field: null },
        ],
        missing: ['cui'],
        rows: [
          { row: 2, action: 'create', name: 'Clusterul Textil „Țara Bârsei”', cluster_cui: '31415920', problems: [] },
          {
            row: 3,
            action: 'refused',
            name: 'Cluster Fără Județ',
            cluster_cui: '10000032',
            problems: [
              { column: 'Județ', field: 'county', code: 'error.import_county_unknown', params: { value: 'Transilvania' } },
            ],
          },
        ],
      },
    ],
    counts: { create: 1, update: 0, refused: 1 },
    options: { encoding: null, update: false, skip_invalid: false, ambiguous_caen: null },
    caen_readings: [],
    written: false,
    ...extra,
  };
}

beforeEach(() => {
  setLang('ro');
  mocks.importChooseFile.mockReset().mockResolvedValue(report());
  mocks.importPreview.mockReset().mockResolvedValue(report());
  mocks.importRun.mockReset();
  mocks.importCancel.mockReset().mockResolvedValue(undefined);
});
afterEach(cleanup);

describe('ImportPage', () => {
  it('shows the matched columns, the missing ones and each refused row with its column and reason', async () => {
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-rows');
    expect(screen.getByTestId('import-file')).toHaveTextContent('Windows-1250 (Excel vechi) (detectată), separator punct și virgulă');
    const columns = screen
      .getAllByTestId('import-column')
      .map((c) => [...c.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' | '));
    expect(columns).toEqual(['A | Denumire | → Denumire', 'B | Județ | → Județ', 'C | Altceva | → nefolosită']);
    expect(screen.getByTestId('import-missing')).toHaveTextContent('CUI');
    const refused = screen.getAllByTestId('import-row').find((r) => r.dataset.action === 'refused');
    expect(refused).toHaveTextContent('Județ necunoscut: „Transilvania”.');
    expect(screen.getByTestId('import-run')).toBeDisabled();
    expect(screen.getByTestId('import-blocked')).toBeInTheDocument();
  });

  it('previews again with another encoding, and imports the valid rows when asked', async () => {
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-rows');
    const select = screen.getByTestId('import-encoding') as HTMLSelectElement;
    select.value = 'iso8859_16';
    await fireEvent.change(select);
    await waitFor(() =>
      expect(mocks.importPreview).toHaveBeenCalledWith({ encoding: 'iso8859_16', update: false, skip_invalid: false, ambiguous_caen: 'rev3' }, expect.any(Function)),
    );

    mocks.importRun.mockResolvedValue(report({ written: true, counts: { create: 1, update: 0, refused: 1 } }));
    await fireEvent.click(screen.getByTestId('import-skip-invalid'));
    expect(screen.getByTestId('import-run')).toBeEnabled();
    await fireEvent.click(screen.getByTestId('import-run'));
    expect(mocks.importRun).toHaveBeenCalledWith({ encoding: 'iso8859_16', update: false, skip_invalid: true, ambiguous_caen: 'rev3' }, expect.any(Function));
    expect(await screen.findByTestId('import-result-text')).toHaveTextContent('1 create, 0 actualizate, 1 lăsate deoparte');
  });

  it('says which column a refusal is in, or that the file lacks it, and counts rows in the right plural', async () => {
    const base = report();
    const row = base.tables[0].rows[1];
    const missing = { ...row, problems: [{ column: '', field: 'name', code: 'error.required', params: {} }] };
    mocks.importChooseFile.mockResolvedValue({ ...base, tables: [{ ...base.tables[0], rows: [base.tables[0].rows[0], missing] }] });
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    const columns = await screen.findAllByTestId('import-row-column');
    expect(columns[1]).toHaveTextContent('Denumire (coloană lipsă din fișier: adăugați-o)');
    expect(screen.getByTestId('import-run')).toHaveTextContent('Importă 1 rând');
  });

  it('stays on the first step when the dialog is cancelled', async () => {
    mocks.importChooseFile.mockResolvedValue(null);
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await waitFor(() => expect(mocks.importChooseFile).toHaveBeenCalled());
    expect(screen.queryByTestId('import-rows')).not.toBeInTheDocument();
    expect(screen.getByTestId('import-choose')).toBeEnabled();
  });

  it('shows the rows done and the time left while importing, and cancels', async () => {
    let fail: (e: unknown) => void = () => {};
    mocks.importRun.mockImplementation((_options, onProgress) => {
      onProgress({ done: 1000, total: 5000, elapsed_ms: 500, remaining_ms: 2000 });
      return new Promise((_resolve, reject) => (fail = reject));
    });
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-rows');
    await fireEvent.click(screen.getByTestId('import-skip-invalid'));
    await fireEvent.click(screen.getByTestId('import-run'));
    expect(await screen.findByTestId('import-progress-rows')).toHaveTextContent('1.000 din 5.000 rânduri');
    expect(screen.getByTestId('import-progress-left')).toHaveTextContent('mai durează aproximativ 2 s');
    await fireEvent.click(screen.getByTestId('import-cancel'));
    expect(mocks.importCancel).toHaveBeenCalled();
    expect(screen.getByTestId('import-cancel')).toBeDisabled();
    fail({ code: 'error.import_cancelled', params: {}, fields: [] });
    expect(await screen.findByTestId('import-error')).toHaveTextContent('Importul a fost anulat: nu s-a scris nimic.');
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
  });
});
