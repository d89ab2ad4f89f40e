package sandbox

import (
	"github.com/migrate-lint/migrate-lint/lint"

	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// objectKey names one schema object: kind and qualified name.
type objectKey struct {
	Kind string // table, column, index, constraint, sequence, type, extension, view
	Name string
}

func (k objectKey) String() string {
	if k.Kind == "column" {
		table, col, _ := strings.Cut(k.Name, ".")
		return fmt.Sprintf("column %q.%q", table, col)
	}
	return fmt.Sprintf("%s %q", k.Kind, k.Name)
}

// Schema is a snapshot: every object and a description of it that changes
// when the object does.
type Schema map[objectKey]string

// snapshotQueries read the catalog; each row is kind, name, description.
// The alembic_version table is Alembic's own and left out.
var snapshotQueries = map[lint.Dialect][]string{
	lint.PostgreSQL: {
		`SELECT 'table', CASE WHEN table_schema = 'public' THEN '' ELSE table_schema || '.' END || table_name, ''
		 FROM information_schema.tables
		 WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'alembic_version'`,
		`SELECT 'view', CASE WHEN table_schema = 'public' THEN '' ELSE table_schema || '.' END || table_name, coalesce(view_definition, '')
		 FROM information_schema.views WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
		`SELECT 'column', CASE WHEN table_schema = 'public' THEN '' ELSE table_schema || '.' END || table_name || '.' || column_name,
		        udt_name || coalesce('(' || character_maximum_length || ')', '') ||
		        coalesce(' numeric(' || numeric_precision || ',' || numeric_scale || ')', '') ||
		        CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END || coalesce(' default ' || column_default, '')
		 FROM information_schema.columns
		 WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'alembic_version'`,
		`SELECT 'index', CASE WHEN schemaname = 'public' THEN '' ELSE schemaname || '.' END || indexname, indexdef
		 FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'alembic_version'`,
		`SELECT 'constraint', c.conname || ' on ' || c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
		 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.conrelid <> 0 AND c.conrelid::regclass::text <> 'alembic_version'`,
		`SELECT 'sequence', CASE WHEN sequence_schema = 'public' THEN '' ELSE sequence_schema || '.' END || sequence_name, data_type
		 FROM information_schema.sequences`,
		`SELECT 'type', CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || t.typname,
		        string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
		 FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
		 GROUP BY n.nspname, t.typname`,
		`SELECT 'extension', extname, extversion FROM pg_extension WHERE extname <> 'plpgsql'`,
	},
	lint.MySQL: {
		`SELECT 'table', table_name, coalesce(engine, '') FROM information_schema.tables
		 WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name <> 'alembic_version'`,
		`SELECT 'view', table_name, '' FROM information_schema.views WHERE table_schema = DATABASE()`,
		`SELECT 'column', concat(table_name, '.', column_name),
		        concat(column_type, IF(is_nullable = 'NO', ' not null', ' null'), coalesce(concat(' default ', column_default), ''), IF(extra = '', '', concat(' ', extra)))
		 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'`,
		`SELECT 'index', concat(index_name, ' on ', table_name),
		        concat(IF(non_unique = 0, 'unique ', ''), group_concat(column_name ORDER BY seq_in_index))
		 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'
		 GROUP BY table_name, index_name, non_unique`,
		`SELECT 'constraint', concat(constraint_name, ' on ', table_name), constraint_type
		 FROM information_schema.table_constraints WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'`,
	},
}

// snapshot reads the schema of the database the connection points at.
func snapshot(ctx context.Context, db *sql.DB, dialect lint.Dialect) (Schema, error) {
	queries := snapshotQueries[dialect.Family()]
	s := Schema{}
	for _, q := range queries {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("read the schema: %w", err)
		}
		for rows.Next() {
			var kind, name string
			var desc sql.NullString
			if err := rows.Scan(&kind, &name, &desc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read the schema: %w", err)
			}
			s[objectKey{kind, name}] = desc.String
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read the schema: %w", err)
		}
	}
	return s, nil
}

// diff lists how after differs from before, most important first: what
// the downgrade left behind, what it failed to restore, what it changed.
func diff(before, after Schema) []string {
	var left, missing, changed []string
	for k, a := range after {
		b, ok := before[k]
		switch {
		case !ok:
			left = append(left, fmt.Sprintf("%s is left behind by downgrade", k))
		case a != b:
			changed = append(changed, fmt.Sprintf("%s differs after downgrade: %s, was %s", k, a, b))
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			missing = append(missing, fmt.Sprintf("%s is missing after downgrade", k))
		}
	}
	sort.Strings(left)
	sort.Strings(missing)
	sort.Strings(changed)
	return append(append(left, missing...), changed...)
}
