# Thin aliases for the README's commands.
.PHONY: demo test lint bench

demo:
	bin/demo

test:
	bin/test

lint:
	bin/lint

bench:
	bin/bench
