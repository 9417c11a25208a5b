import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.js';
import { FILE_HOLDER_COLUMNS } from './file-holders.js';

describe('the holders of a stored file', () => {
  it('are every foreign key to files in the schema: a new one must be taught to disposition before it can lose bytes', () => {
    const referencing = Object.values(schema).filter((value) => is(value, PgTable)).flatMap((table) => {
      const config = getTableConfig(table as PgTable);
      return config.foreignKeys.map((key) => key.reference())
        .filter((reference) => getTableConfig(reference.foreignTable).name === 'files')
        .flatMap((reference) => reference.columns.map((column) => `${config.name}.${column.name}`));
    });
    expect(referencing.sort()).toEqual([...FILE_HOLDER_COLUMNS].sort());
  });
});
