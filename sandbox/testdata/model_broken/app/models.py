from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base

from geoalchemy2 import Geometry

Base = declarative_base()


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    location = Column(Geometry("POINT"))
