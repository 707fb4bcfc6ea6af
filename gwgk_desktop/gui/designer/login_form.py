# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login_form.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialogButtonBox, QFormLayout,
    QLabel, QLineEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_LoginForm(object):
    def setupUi(self, LoginForm):
        if not LoginForm.objectName():
            LoginForm.setObjectName(u"LoginForm")
        LoginForm.setMinimumSize(QSize(360, 0))
        self.rootLayout = QVBoxLayout(LoginForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.stationLabel = QLabel(LoginForm)
        self.stationLabel.setObjectName(u"stationLabel")
        self.stationLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.stationLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.usernameLabel = QLabel(LoginForm)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.usernameLabel)

        self.username = QLineEdit(LoginForm)
        self.username.setObjectName(u"username")

        self.form.setWidget(0, QFormLayout.FieldRole, self.username)

        self.passwordLabel = QLabel(LoginForm)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.passwordLabel)

        self.password = QLineEdit(LoginForm)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.FieldRole, self.password)


        self.rootLayout.addLayout(self.form)

        self.errorLabel = QLabel(LoginForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(LoginForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.rootLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.passwordLabel.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.username, self.password)

        self.retranslateUi(LoginForm)

        QMetaObject.connectSlotsByName(LoginForm)
    # setupUi

    def retranslateUi(self, LoginForm):
        self.stationLabel.setText(QCoreApplication.translate("LoginForm", u"\u8bf7\u767b\u5f55", None))
        self.usernameLabel.setText(QCoreApplication.translate("LoginForm", u"\u767b\u5f55\u540d(&U)\uff1a", None))
        self.username.setPlaceholderText(QCoreApplication.translate("LoginForm", u"\u4f8b\u5982 clerk", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginForm", u"\u5bc6\u7801(&P)\uff1a", None))
        self.errorLabel.setText("")
        pass
    # retranslateUi

