# Two commands on a fresh machine: `make run` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup demo clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $$(scripts/find-python.sh) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

PORT ?= 8000

# Development server with DEBUG on (auto-reload, detailed error pages); production: `dangjian serve` (README 部署).
run: $(STAMP)
	$(BIN)/dangjian migrate --noinput -v0
	$(BIN)/dangjian demo --if-empty
	DANGJIAN_DEBUG=1 $(BIN)/dangjian runserver 127.0.0.1:$(PORT)

demo: $(STAMP)
	$(BIN)/dangjian migrate --noinput -v0
	$(BIN)/dangjian demo

test: $(STAMP)
	$(BIN)/dangjian makemigrations --check --dry-run -v0 || (echo "模型有改动但缺少迁移文件" && exit 1)
	$(BIN)/ruff format --check -q dangjian tests bench || (echo "代码格式不符：运行 .venv/bin/ruff format 后再提交" && exit 1)
	$(BIN)/ruff check -q dangjian tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
