"""The sign-in dialog: credentials out, the console's answer shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.sign_in_dialog import SignInDialog


def test_enter_signs_in_and_a_refusal_clears_the_password(qtbot: QtBot) -> None:
    dialog = SignInDialog("SQLite · demo.db", last_login="operator")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() in (dialog.password_edit, None)
    dialog.password_edit.setText("demo")
    with qtbot.waitSignal(dialog.credentials_entered, timeout=1000) as sent:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert sent.args == ["operator", "demo"]
    assert not dialog.buttons.isEnabled()  # one try at a time
    dialog.show_error("用户名或密码不正确")
    assert dialog.error_label.text() == "用户名或密码不正确" and dialog.buttons.isEnabled()
    assert dialog.password_edit.text() == ""


def test_empty_fields_are_refused_without_asking_the_console(qtbot: QtBot) -> None:
    dialog = SignInDialog("PostgreSQL · ops")
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.credentials_entered):
        dialog.login_edit.setText("operator")
        dialog._on_buttons_accepted()
    assert not dialog.error_label.isHidden()


def test_each_box_says_what_it_is_for(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = SignInDialog("PostgreSQL · ops")
    qtbot.addWidget(dialog)
    named = {}
    for field in (dialog.login_edit, dialog.password_edit):
        label = dialog.form.labelForField(field)
        assert isinstance(label, QLabel) and label.buddy() is field  # Alt+U, Alt+P
        named[label.text().replace("&", "")] = field.placeholderText()
    assert named == {"User name": "e.g. wangwei", "Password": "At least 8 characters"}
