module github.com/migrate-lint/migrate-lint

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/tree-sitter/go-tree-sitter v0.25.0
	github.com/tree-sitter/tree-sitter-python v0.25.0
	golang.org/x/tools v0.52.0
)

require github.com/mattn/go-pointer v0.0.1 // indirect
