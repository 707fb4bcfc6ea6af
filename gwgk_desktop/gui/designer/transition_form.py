# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'transition_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialogButtonBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_TransitionForm(object):
    def setupUi(self, TransitionForm):
        if not TransitionForm.objectName():
            TransitionForm.setObjectName(u"TransitionForm")
        TransitionForm.setMinimumSize(QSize(420, 0))
        self.rootLayout = QVBoxLayout(TransitionForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.prompt = QLabel(TransitionForm)
        self.prompt.setObjectName(u"prompt")
        self.prompt.setWordWrap(True)

        self.rootLayout.addWidget(self.prompt)

        self.commentLabel = QLabel(TransitionForm)
        self.commentLabel.setObjectName(u"commentLabel")

        self.rootLayout.addWidget(self.commentLabel)

        self.comment = QPlainTextEdit(TransitionForm)
        self.comment.setObjectName(u"comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setMinimumSize(QSize(0, 80))
        self.comment.setMaximumSize(QSize(16777215, 160))

        self.rootLayout.addWidget(self.comment)

        self.dateRow = QHBoxLayout()
        self.dateRow.setObjectName(u"dateRow")
        self.publishDateLabel = QLabel(TransitionForm)
        self.publishDateLabel.setObjectName(u"publishDateLabel")

        self.dateRow.addWidget(self.publishDateLabel)

        self.publishDate = QDateEdit(TransitionForm)
        self.publishDate.setObjectName(u"publishDate")
        self.publishDate.setCalendarPopup(True)

        self.dateRow.addWidget(self.publishDate)

        self.dateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dateRow.addItem(self.dateSpacer)


        self.rootLayout.addLayout(self.dateRow)

        self.errorLabel = QLabel(TransitionForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(TransitionForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.rootLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.commentLabel.setBuddy(self.comment)
        self.publishDateLabel.setBuddy(self.publishDate)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TransitionForm)

        QMetaObject.connectSlotsByName(TransitionForm)
    # setupUi

    def retranslateUi(self, TransitionForm):
        self.prompt.setText("")
        self.commentLabel.setText(QCoreApplication.translate("TransitionForm", u"\u610f\u89c1\u6216\u7406\u7531\uff1a", None))
        self.comment.setPlaceholderText(QCoreApplication.translate("TransitionForm", u"\u4f8b\u5982 \u516c\u5f00\u4f9d\u636e\u8bf7\u5199\u660e\u6761\u6b3e", None))
        self.publishDateLabel.setText(QCoreApplication.translate("TransitionForm", u"\u516c\u5f00\u65e5\u671f\uff1a", None))
        self.publishDate.setDisplayFormat(QCoreApplication.translate("TransitionForm", u"yyyy-MM-dd", None))
        self.errorLabel.setText("")
        pass
    # retranslateUi

