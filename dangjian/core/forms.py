from django.core.exceptions import ValidationError


def apply_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        form.add_error(None, exc)


class BootstrapMixin:
    """Give every widget Bootstrap's class so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            kind = w.__class__.__name__
            css = (
                "form-check-input" if kind == "CheckboxInput" else "form-select" if "Select" in kind else "form-control"
            )
            w.attrs["class"] = (w.attrs.get("class", "") + " " + css).strip()
